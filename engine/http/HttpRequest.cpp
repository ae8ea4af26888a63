#include "http/HttpRequest.h"

namespace inlet {

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        // Names are stored lower-cased; the size test skips most compares.
        if (key.size() == name.size() && name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace inlet
