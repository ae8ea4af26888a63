#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace inlet {

// Lists the paths of a concrete document, for completion and for the payload
// tree's drag source. Keys that cannot be written bare are quoted, so every
// produced path compiles and evaluates back to the value it names when the
// document has the EvalContext::toJson() shape.
class PathEnumerator final
{
public:
    // Every inner and leaf path, parents before children, object members in
    // QJsonObject order (sorted by key), array elements by index. A path has
    // at most `maxDepth` segments counting the root member (`body` is 1,
    // `body.id` is 2, `body.items[0]` is 3); a negative maxDepth means no limit.
    static QStringList enumerate(const QJsonValue &document, int maxDepth);

    // `parent` + ".key" or `parent` + "[\"k\\\"ey\"]" when the key needs quoting;
    // just the key (or its bracket form) when parent is empty.
    static QString childPath(const QString &parent, const QString &key);
    static QString indexPath(const QString &parent, qsizetype index);

    static bool needsQuoting(const QString &key);

private:
    static void collect(const QJsonValue &value, const QString &path, int depth, int maxDepth, QStringList *out);
};

} // namespace inlet
