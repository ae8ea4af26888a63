#pragma once

#include <QColor>
#include <QString>

namespace inlet {

// Colour chips for statuses of events and actions. Always shown beside the
// status text, never instead of it.
namespace statusstyle {
QColor color(const QString &status);
bool isProblem(const QString &status); // rejected, failed, error, skipped
QString formatTime(qint64 ms);         // local time, date only when not today
} // namespace statusstyle

} // namespace inlet
