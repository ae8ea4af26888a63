#include "models/mapping/ParameterForms.h"

#include "mapping/ValueSpecKeys.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

using namespace valuespec;

ParameterForms::Form ParameterForms::formOf(const QJsonValue &configured)
{
    if (configured.isUndefined() || configured.isNull())
        return Form::Empty;
    if (configured.isString())
        return Form::Path;
    if (!configured.isObject())
        return Form::Other;
    const QJsonObject o = configured.toObject();
    if (o.contains(pathKey))
        return o.contains(defaultKey) ? Form::Default : Form::Path;
    if (o.contains(valueKey))
        return Form::Literal;
    if (o.contains(templateKey))
        return Form::Template;
    if (o.contains(coalesceKey))
        return Form::Coalesce;
    return Form::Other;
}

QJsonValue ParameterForms::jsonOrText(const QString &text)
{
    // Wrapped in an array so scalars parse too.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(u"["_s.append(text).append(u"]"_s).toUtf8(), &error);
    if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
        return doc.array().first();
    return text;
}

QString ParameterForms::textOf(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    // A string that would parse as something else keeps its quotes.
    if (value.isString() && jsonOrText(value.toString()) == value)
        return value.toString();
    return QString::fromUtf8(JsonWriter::write(value));
}

QJsonValue ParameterForms::literal(const QJsonValue &value)
{
    return QJsonObject{{valueKey, value}};
}

QJsonValue ParameterForms::templateOf(const QString &text)
{
    return QJsonObject{{templateKey, text}};
}

QJsonValue ParameterForms::coalesce(const QStringList &items)
{
    QJsonArray array;
    for (const QString &line : items) {
        const QString item = line.trimmed();
        if (item.isEmpty())
            continue;
        if (item.startsWith(u'{')) {
            const QJsonDocument doc = QJsonDocument::fromJson(item.toUtf8());
            if (doc.isObject()) {
                array.append(doc.object());
                continue;
            }
        }
        array.append(item);
    }
    return QJsonObject{{coalesceKey, array}};
}

QJsonValue ParameterForms::pathWithDefault(const QString &path, const QJsonValue &fallback)
{
    return QJsonObject{{pathKey, path.trimmed()}, {defaultKey, fallback}};
}

QString ParameterForms::pathOf(const QJsonValue &configured)
{
    if (configured.isString())
        return configured.toString();
    return configured.toObject().value(pathKey).toString();
}

QJsonValue ParameterForms::defaultOf(const QJsonValue &configured)
{
    return configured.toObject().value(defaultKey);
}

QJsonValue ParameterForms::literalOf(const QJsonValue &configured)
{
    return configured.toObject().value(valueKey);
}

QString ParameterForms::templateTextOf(const QJsonValue &configured)
{
    return configured.toObject().value(templateKey).toString();
}

QStringList ParameterForms::coalesceItemsOf(const QJsonValue &configured)
{
    QStringList out;
    const QJsonArray items = configured.toObject().value(coalesceKey).toArray();
    for (const QJsonValue &item : items) {
        out.append(item.isString() ? item.toString()
                                   : QString::fromUtf8(QJsonDocument(item.toObject()).toJson(QJsonDocument::Compact)));
    }
    return out;
}

} // namespace inlet
