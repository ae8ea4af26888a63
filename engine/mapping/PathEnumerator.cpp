#include "mapping/PathEnumerator.h"

#include "mapping/PathParser.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

bool PathEnumerator::needsQuoting(const QString &key)
{
    if (key.isEmpty())
        return true;
    for (const QChar c : key) {
        // Braces are legal bare, but quoting them keeps the path safe inside
        // a {{template}} placeholder.
        if (!PathParser::isBareKeyChar(c) || c == u'{' || c == u'}')
            return true;
    }
    return false;
}

QString PathEnumerator::childPath(const QString &parent, const QString &key)
{
    if (!needsQuoting(key))
        return parent.isEmpty() ? key : parent + u'.' + key;
    QString quoted = parent;
    quoted.reserve(parent.size() + key.size() + 4);
    quoted += u"[\""_s;
    for (const QChar c : key) {
        if (c == u'"' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    quoted += u"\"]"_s;
    return quoted;
}

QString PathEnumerator::indexPath(const QString &parent, qsizetype index)
{
    return parent + u'[' + QString::number(index) + u']';
}

QStringList PathEnumerator::enumerate(const QJsonValue &document, int maxDepth)
{
    QStringList paths;
    collect(document, QString(), 0, maxDepth, &paths);
    return paths;
}

void PathEnumerator::collect(const QJsonValue &value, const QString &path, int depth, int maxDepth, QStringList *out)
{
    if (depth > 0)
        out->append(path);
    if (maxDepth >= 0 && depth >= maxDepth)
        return;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collect(it.value(), childPath(path, it.key()), depth + 1, maxDepth, out);
    } else if (value.isArray() && depth > 0) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            collect(array.at(i), indexPath(path, i), depth + 1, maxDepth, out);
    }
}

} // namespace inlet
