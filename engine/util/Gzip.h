#pragma once

#include <QByteArray>
#include <QString>

namespace inlet {

// Decodes a gzip (or zlib) stream without ever holding more than `maxBytes`
// of output, so a small compressed body cannot expand without bound.
struct GunzipResult
{
    enum class Status { Ok, TooLarge, Corrupt };
    Status status = Status::Corrupt;
    QByteArray data;
    QString error;
};

GunzipResult gunzip(QByteArrayView compressed, qint64 maxBytes);
QByteArray gzip(QByteArrayView data);

} // namespace inlet
