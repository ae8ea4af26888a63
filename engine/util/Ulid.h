#pragma once

#include <QByteArray>
#include <QMutex>

namespace inlet {

// Generates ULIDs (26 Crockford base32 characters: 48-bit millisecond time,
// 80 random bits) that sort by creation time. Within one millisecond the
// random part is incremented, so ids from one generator are strictly
// increasing: "sortable by arrival" holds within a process, and ids from
// several processes sharing a store stay unique.
class UlidGenerator final
{
public:
    QByteArray next(qint64 nowMs);
    QByteArray next();

    // Time part of a ULID, or -1 if `ulid` is not one.
    static qint64 timestampMs(QByteArrayView ulid);

private:
    QMutex m_mutex;
    qint64 m_lastMs = -1;
    unsigned char m_random[10] = {};
};

} // namespace inlet
