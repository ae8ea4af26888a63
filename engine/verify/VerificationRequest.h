#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace inlet {

// What a verifier sees of a request: headers with lower-case names, the raw
// body as received (signatures are over those bytes) and the current time,
// passed in so tests can pin it.
struct VerificationRequest
{
    const QList<QPair<QByteArray, QByteArray>> *headers = nullptr;
    QByteArrayView rawBody;
    qint64 nowMs = 0;

    QByteArray header(QByteArrayView lowerName) const;
    int headerCount(QByteArrayView lowerName) const;
};

} // namespace inlet
