#include "models/mapping/PathCompletionModel.h"

#include "mapping/PathEnumerator.h"

namespace inlet {

PathCompletionModel::PathCompletionModel(QObject *parent)
    : QStringListModel(parent)
{}

void PathCompletionModel::setSample(const QJsonObject &sample)
{
    const QStringList paths = PathEnumerator::enumerate(sample, maxDepth);
    if (paths != stringList())
        setStringList(paths);
}

} // namespace inlet
