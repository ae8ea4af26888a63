#include "verify/SignatureMatch.h"

#include "util/Crypto.h"

namespace inlet {

bool SignatureMatch::any(const QList<QByteArray> &expected, const QList<QByteArray> &received)
{
    bool match = false;
    for (const QByteArray &e : expected) {
        for (const QByteArray &r : received)
            match |= crypto::constantTimeEquals(e, r);
    }
    return match;
}

} // namespace inlet
