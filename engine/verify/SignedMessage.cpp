#include "verify/SignedMessage.h"

namespace inlet {

QByteArray SignedMessage::join(std::initializer_list<QByteArrayView> parts)
{
    qsizetype size = qsizetype(parts.size()) - 1;
    for (QByteArrayView p : parts)
        size += p.size();
    QByteArray out;
    out.reserve(size);
    bool first = true;
    for (QByteArrayView p : parts) {
        if (!first)
            out.append('.');
        out.append(p);
        first = false;
    }
    return out;
}

} // namespace inlet
