#include "verify/VerificationRequest.h"

namespace inlet {

QByteArray VerificationRequest::header(QByteArrayView lowerName) const
{
    if (!headers)
        return {};
    for (const auto &h : *headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

int VerificationRequest::headerCount(QByteArrayView lowerName) const
{
    int n = 0;
    if (headers) {
        for (const auto &h : *headers)
            n += h.first == lowerName ? 1 : 0;
    }
    return n;
}

} // namespace inlet
