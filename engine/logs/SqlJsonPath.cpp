#include "logs/SqlJsonPath.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

QString quoteKey(const QString &key)
{
    QString escaped = key;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u".\""_s + escaped + u'"';
}

} // namespace

SqlJsonPath SqlJsonPath::translate(const QString &path)
{
    SqlJsonPath out;
    qsizetype i = 0;
    const qsizetype n = path.size();
    auto readIdent = [&] {
        const qsizetype start = i;
        while (i < n && path[i] != u'.' && path[i] != u'[')
            ++i;
        return path.mid(start, i - start);
    };
    const QString root = readIdent();
    if (root != u"body"_s && root != u"headers"_s) {
        out.error = u"path must start with body. or headers. (got '%1')"_s.arg(root);
        return out;
    }
    out.column = root;
    out.jsonPath = u"$"_s;
    while (i < n) {
        if (path[i] == u'.') {
            ++i;
            QString key = readIdent();
            if (key.isEmpty()) {
                out.error = u"empty key at offset %1"_s.arg(i);
                return out;
            }
            if (root == u"headers"_s)
                key = key.toLower();
            out.jsonPath += quoteKey(key);
            out.steps.append(key);
        } else if (path[i] == u'[') {
            const qsizetype close = path.indexOf(u']', i);
            if (close < 0) {
                out.error = u"unterminated [ at offset %1"_s.arg(i);
                return out;
            }
            const QString inner = path.mid(i + 1, close - i - 1);
            if (inner.size() >= 2 && (inner.front() == u'"' || inner.front() == u'\'') &&
                inner.back() == inner.front()) {
                out.jsonPath += quoteKey(inner.mid(1, inner.size() - 2));
                out.steps.append(inner.mid(1, inner.size() - 2));
            } else {
                bool ok = false;
                const int index = inner.toInt(&ok);
                if (!ok || index < 0) {
                    out.error = u"expected an array index or a quoted key at offset %1"_s.arg(i);
                    return out;
                }
                out.jsonPath += u'[' + QString::number(index) + u']';
                out.steps.append(index);
            }
            i = close + 1;
        } else {
            out.error = u"unexpected character at offset %1"_s.arg(i);
            return out;
        }
    }
    return out;
}

QString SqlJsonPath::postgresPath() const
{
    QStringList parts;
    for (const QVariant &step : steps) {
        QString text = step.toString();
        text.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
        parts << u'"' + text + u'"';
    }
    return u'{' + parts.join(u',') + u'}';
}

QJsonValue SqlJsonPath::containing(const QJsonValue &value) const
{
    QJsonValue doc = value;
    for (auto it = steps.crbegin(); it != steps.crend(); ++it) {
        if (it->typeId() == QMetaType::Int)
            doc = QJsonArray{doc};
        else
            doc = QJsonObject{{it->toString(), doc}};
    }
    return doc;
}

} // namespace inlet
