#include "mapping/ValueSpec.h"

#include "mapping/JsonSpan.h"
#include "mapping/ValueSpecKeys.h"
#include "util/JsonTypeName.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

namespace {

using namespace valuespec;

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

ValueSpec ValueSpec::parse(const QJsonValue &json, QString *error)
{
    ValueSpec spec;
    if (json.isString()) {
        QString pathError;
        spec.m_path = PathExpression::compile(json.toString(), &pathError);
        if (!spec.m_path.isValid()) {
            setError(error, u"path \""_s + json.toString() + u"\": "_s + pathError);
            return ValueSpec();
        }
        spec.m_kind = Kind::Path;
    } else if (json.isObject()) {
        spec = parseObject(json.toObject(), error);
        if (!spec.isValid())
            return spec;
    } else {
        setError(error, u"a parameter value must be a path string or an object with path, value, template or "
                        u"coalesce, not "_s +
                            jsonTypeName(json));
        return ValueSpec();
    }
    spec.m_source = json;
    if (error)
        error->clear();
    return spec;
}

ValueSpec ValueSpec::parseObject(const QJsonObject &object, QString *error)
{
    // Exactly one kind key; "default" goes with "path" only. Unknown keys are
    // errors so that a typo ("defualt") does not silently change behaviour.
    QString kindKey;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        if (key == defaultKey)
            continue;
        if (key != pathKey && key != valueKey && key != templateKey && key != coalesceKey) {
            setError(error, u"unknown key \""_s + key +
                                u"\": expected path (with optional default), value, "
                                u"template or coalesce"_s);
            return ValueSpec();
        }
        if (!kindKey.isEmpty()) {
            setError(error, u"conflicting keys \""_s + kindKey + u"\" and \""_s + key +
                                u"\": use only one of path, value, template, coalesce"_s);
            return ValueSpec();
        }
        kindKey = key;
    }
    if (kindKey.isEmpty()) {
        setError(error, object.contains(defaultKey) ? u"\"default\" needs a \"path\""_s
                                                    : u"empty object: expected path, value, template or coalesce"_s);
        return ValueSpec();
    }
    if (object.contains(defaultKey) && kindKey != pathKey) {
        setError(error, u"\"default\" is only allowed with \"path\", not with \""_s + kindKey + u"\""_s);
        return ValueSpec();
    }

    ValueSpec spec;
    const QJsonValue value = object.value(kindKey);
    if (kindKey == valueKey) {
        spec.m_kind = Kind::Literal;
        spec.m_literal = value;
        return spec;
    }
    if (kindKey == coalesceKey) {
        if (!parseCoalesce(value, &spec, error))
            return ValueSpec();
        spec.m_kind = Kind::Coalesce;
        return spec;
    }
    if (!value.isString()) {
        setError(error, u"\""_s + kindKey + u"\" must be a string, not "_s + jsonTypeName(value));
        return ValueSpec();
    }
    QString innerError;
    if (kindKey == templateKey) {
        spec.m_template = ValueTemplate::parse(value.toString(), &innerError);
        if (!spec.m_template.isValid()) {
            setError(error, u"template: "_s + innerError);
            return ValueSpec();
        }
        spec.m_kind = Kind::Template;
        return spec;
    }
    spec.m_path = PathExpression::compile(value.toString(), &innerError);
    if (!spec.m_path.isValid()) {
        setError(error, u"path \""_s + value.toString() + u"\": "_s + innerError);
        return ValueSpec();
    }
    if (object.contains(defaultKey))
        spec.m_default = object.value(defaultKey);
    spec.m_kind = Kind::Path;
    return spec;
}

bool ValueSpec::parseCoalesce(const QJsonValue &items, ValueSpec *spec, QString *error)
{
    if (!items.isArray())
        return setError(error, u"\"coalesce\" must be an array, not "_s + jsonTypeName(items));
    const QJsonArray array = items.toArray();
    if (array.isEmpty())
        return setError(error, u"\"coalesce\" needs at least one item"_s);
    spec->m_items.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        const QString where = u"coalesce["_s + QString::number(i) + u"]: "_s;
        if (!item.isString() && !item.isObject())
            return setError(error,
                            where + u"an item must be a path string or a value object, not "_s + jsonTypeName(item));
        QString itemError;
        ValueSpec parsed = parse(item, &itemError);
        if (!parsed.isValid())
            return setError(error, where + itemError);
        spec->m_items.push_back(std::move(parsed));
    }
    return true;
}

std::optional<QJsonValue> ValueSpec::resolve(const EvalContext &context) const
{
    switch (m_kind) {
    case Kind::Invalid:
        return std::nullopt;
    case Kind::Path:
        if (std::optional<QJsonValue> value = m_path.evaluate(context))
            return value;
        return m_default;
    case Kind::Literal:
        return m_literal;
    case Kind::Template:
        return m_template.render(context);
    case Kind::Coalesce: {
        bool sawNull = false;
        for (const ValueSpec &item : m_items) {
            const std::optional<QJsonValue> value = item.resolve(context);
            if (!value)
                continue;
            if (!value->isNull())
                return value;
            sawNull = true;
        }
        if (sawNull)
            return QJsonValue(QJsonValue::Null);
        return std::nullopt;
    }
    }
    Q_UNREACHABLE();
}

std::optional<QByteArray> ValueSpec::bodyText(const QByteArray &body) const
{
    if (m_kind != Kind::Path || m_path.root() != PathRoot::Body || m_path.hasWildcard())
        return std::nullopt;
    const std::optional<QByteArrayView> span = JsonSpan::find(body, m_path.segments());
    if (!span)
        return std::nullopt;
    return JsonSpan::compact(body, *span);
}

void ValueSpec::collectPaths(QStringList *out) const
{
    const auto add = [out](const QString &path) {
        if (!out->contains(path))
            out->append(path);
    };
    switch (m_kind) {
    case Kind::Path:
        add(m_path.text());
        break;
    case Kind::Template: {
        const QStringList paths = m_template.placeholderPaths();
        for (const QString &path : paths)
            add(path);
        break;
    }
    case Kind::Coalesce:
        for (const ValueSpec &item : m_items)
            item.collectPaths(out);
        break;
    case Kind::Invalid:
    case Kind::Literal:
        break;
    }
}

QStringList ValueSpec::referencedPaths() const
{
    QStringList paths;
    collectPaths(&paths);
    return paths;
}

} // namespace inlet
