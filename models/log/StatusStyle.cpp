#include "models/log/StatusStyle.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace inlet::statusstyle {

QColor color(const QString &status)
{
    if (status == u"processed" || status == u"success" || status == u"verified")
        return {0x2e, 0x9d, 0x4f};
    if (status == u"failed" || status == u"error")
        return {0xd9, 0x3f, 0x3f};
    if (status == u"rejected")
        return {0xa3, 0x1f, 0x9e};
    if (status == u"skipped" || status == u"unmapped")
        return {0xe0, 0x9b, 0x1a};
    if (status == u"idempotent")
        return {0x3b, 0x7d, 0xd8};
    return {0x8a, 0x8a, 0x8a}; // accepted, unverified, unknown
}

bool isProblem(const QString &status)
{
    return status == u"rejected" || status == u"failed" || status == u"error" || status == u"skipped";
}

QString formatTime(qint64 ms)
{
    if (ms <= 0)
        return {};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    if (t.date() == QDate::currentDate())
        return t.toString(u"HH:mm:ss.zzz"_s);
    return t.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
}

} // namespace inlet::statusstyle
