#include "util/Ulid.h"

#include "util/Crypto.h"

#include <QDateTime>

#include <cstring>

namespace inlet {
namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int decodeChar(char c)
{
    const char *p = std::strchr(kAlphabet, c);
    return (p && c) ? int(p - kAlphabet) : -1;
}
} // namespace

QByteArray UlidGenerator::next()
{
    return next(QDateTime::currentMSecsSinceEpoch());
}

QByteArray UlidGenerator::next(qint64 nowMs)
{
    unsigned char bytes[16];
    {
        QMutexLocker lock(&m_mutex);
        if (nowMs <= m_lastMs) {
            nowMs = m_lastMs;
            for (int i = 9; i >= 0; --i) { // increment the 80-bit random part
                if (++m_random[i] != 0)
                    break;
            }
        } else {
            m_lastMs = nowMs;
            const QByteArray r = crypto::randomBytes(10);
            std::memcpy(m_random, r.constData(), 10);
            m_random[0] &= 0x7f; // leave room to increment without overflow
        }
        for (int i = 0; i < 6; ++i)
            bytes[i] = static_cast<unsigned char>((quint64(nowMs) >> (8 * (5 - i))) & 0xff);
        std::memcpy(bytes + 6, m_random, 10);
    }
    // 128 bits -> 26 base32 characters (the first holds 3 bits).
    QByteArray out(26, Qt::Uninitialized);
    __extension__ unsigned __int128 v = 0; // GCC and clang; pedantic mode would warn
    for (unsigned char b : bytes)
        v = (v << 8) | b;
    for (int i = 25; i >= 0; --i) {
        out[i] = kAlphabet[int(v & 31)];
        v >>= 5;
    }
    return out;
}

qint64 UlidGenerator::timestampMs(QByteArrayView ulid)
{
    if (ulid.size() != 26)
        return -1;
    qint64 t = 0;
    for (int i = 0; i < 10; ++i) {
        const int d = decodeChar(ulid[i]);
        if (d < 0)
            return -1;
        t = (t << 5) | d;
    }
    return t;
}

} // namespace inlet
