#include "ui/overview/MinuteChart.h"

#include "models/log/StatusStyle.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

MinuteChart::MinuteChart(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(180);
}

const QStringList &MinuteChart::statuses()
{
    static const QStringList s = {u"processed"_s, u"idempotent"_s, u"accepted"_s,
                                  u"unmapped"_s,  u"failed"_s,     u"rejected"_s};
    return s;
}

void MinuteChart::setData(const QList<QHash<QString, int>> &perMinute, qint64 firstMinute)
{
    m_data = perMinute;
    m_firstMinute = firstMinute;
    update();
}

void MinuteChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(40, 10, -10, -40);
    int maxTotal = 1;
    for (const auto &bucket : std::as_const(m_data)) {
        int total = 0;
        for (int v : bucket)
            total += v;
        maxTotal = qMax(maxTotal, total);
    }
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(area);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRectF(0, area.top() - 6, 36, 14), Qt::AlignRight, QString::number(maxTotal));
    p.drawText(QRectF(0, area.bottom() - 8, 36, 14), Qt::AlignRight, u"0"_s);
    const int n = int(m_data.size());
    if (n < 2)
        return;
    const auto x = [&](int i) { return area.left() + area.width() * i / (n - 1); };
    const auto y = [&](int v) { return area.bottom() - area.height() * v / maxTotal; };
    QList<int> base(n, 0);
    for (const QString &status : statuses()) {
        QList<int> top = base;
        bool any = false;
        for (int i = 0; i < n; ++i) {
            const int v = m_data.at(i).value(status);
            top[i] += v;
            any = any || v > 0;
        }
        if (any) {
            QPainterPath path;
            path.moveTo(x(0), y(top.at(0)));
            for (int i = 1; i < n; ++i)
                path.lineTo(x(i), y(top.at(i)));
            for (int i = n - 1; i >= 0; --i)
                path.lineTo(x(i), y(base.at(i)));
            path.closeSubpath();
            QColor c = statusstyle::color(status);
            p.setPen(c.darker(120));
            c.setAlpha(170);
            p.setBrush(c);
            p.drawPath(path);
        }
        base = top;
    }
    // Time axis and legend: text beside every colour.
    p.setPen(palette().color(QPalette::WindowText));
    for (int i = 0; i < n; i += 15) {
        const QString t = QDateTime::fromMSecsSinceEpoch((m_firstMinute + i) * 60000).toString(u"HH:mm"_s);
        p.drawText(QRectF(x(i) - 20, area.bottom() + 2, 40, 14), Qt::AlignCenter, t);
    }
    qreal lx = area.left();
    for (const QString &status : statuses()) {
        p.fillRect(QRectF(lx, area.bottom() + 22, 10, 10), statusstyle::color(status));
        p.drawText(QRectF(lx + 14, area.bottom() + 19, 90, 16), Qt::AlignLeft | Qt::AlignVCenter, status);
        lx += 100;
    }
}

} // namespace inlet
