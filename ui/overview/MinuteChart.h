#pragma once

#include <QHash>
#include <QWidget>

namespace inlet {

// Events per minute as a stacked area chart by status. Painted by hand: Qt
// Charts is not among the project's dependencies, and one chart does not
// justify adding it.
class MinuteChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MinuteChart)
public:
    explicit MinuteChart(QWidget *parent = nullptr);

    void setData(const QList<QHash<QString, int>> &perMinute, qint64 firstMinute);
    QSize sizeHint() const override { return {600, 220}; }
    static const QStringList &statuses(); // stacking order, bottom first

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<QHash<QString, int>> m_data;
    qint64 m_firstMinute = 0;
};

} // namespace inlet
