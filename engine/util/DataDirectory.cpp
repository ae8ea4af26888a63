#include "util/DataDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

bool DataDirectory::ensure(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (info.isDir())
        return true;
    if (info.exists()) {
        if (error)
            *error = u"%1 exists and is not a directory"_s.arg(path);
        return false;
    }
    // Parents are ordinary directories (e.g. ~/.local/share); only the data
    // directory itself is made private, before anything is written into it.
    if (!QDir().mkpath(info.absolutePath()) ||
        !QDir().mkdir(info.absoluteFilePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        if (QFileInfo(path).isDir()) // created meanwhile by another process
            return true;
        if (error)
            *error = u"cannot create the data directory %1"_s.arg(path);
        return false;
    }
    return true;
}

} // namespace inlet
