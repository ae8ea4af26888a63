#include "util/Gzip.h"

#include <zlib.h>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

GunzipResult gunzip(QByteArrayView compressed, qint64 maxBytes)
{
    GunzipResult result;
    z_stream zs{};
    // 15 + 32: accept gzip and zlib headers.
    if (inflateInit2(&zs, 15 + 32) != Z_OK) {
        result.error = u"could not initialise zlib"_s;
        return result;
    }
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    zs.avail_in = uInt(compressed.size());
    char chunk[16384];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef *>(chunk);
        zs.avail_out = sizeof chunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            result.status = GunzipResult::Status::Corrupt;
            result.error = u"invalid gzip data: %1"_s.arg(QString::fromLatin1(zs.msg ? zs.msg : "truncated stream"));
            inflateEnd(&zs);
            result.data.clear();
            return result;
        }
        const qsizetype produced = qsizetype(sizeof chunk - zs.avail_out);
        if (result.data.size() + produced > maxBytes) {
            result.status = GunzipResult::Status::TooLarge;
            result.error = u"decoded body exceeds the limit of %1 bytes"_s.arg(maxBytes);
            inflateEnd(&zs);
            result.data.clear();
            return result;
        }
        result.data.append(chunk, produced);
        if (rc == Z_OK && zs.avail_in == 0 && produced == 0) {
            result.status = GunzipResult::Status::Corrupt;
            result.error = u"invalid gzip data: truncated stream"_s;
            inflateEnd(&zs);
            result.data.clear();
            return result;
        }
    }
    inflateEnd(&zs);
    result.status = GunzipResult::Status::Ok;
    return result;
}

QByteArray gzip(QByteArrayView data)
{
    z_stream zs{};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))) + 32, Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

} // namespace inlet
