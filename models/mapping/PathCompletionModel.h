#pragma once

#include <QJsonObject>
#include <QStringListModel>

namespace inlet {

// Every path of a sample document ({body, headers, query, preprocess}), as
// PathEnumerator spells them, for a QCompleter on typed paths.
class PathCompletionModel final : public QStringListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PathCompletionModel)
public:
    explicit PathCompletionModel(QObject *parent = nullptr);

    // Paths deeper than this many segments are left out (big arrays).
    static constexpr int maxDepth = 8;
    void setSample(const QJsonObject &sample);
};

} // namespace inlet
