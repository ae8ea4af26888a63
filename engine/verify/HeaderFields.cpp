#include "verify/HeaderFields.h"

namespace inlet {

QList<QPair<QByteArray, QByteArray>> HeaderFields::parse(QByteArrayView header, bool trim)
{
    QList<QPair<QByteArray, QByteArray>> fields;
    for (QByteArray item : header.toByteArray().split(',')) {
        if (trim)
            item = item.trimmed();
        const qsizetype eq = item.indexOf('=');
        if (eq < 0)
            continue;
        fields.append({item.left(eq), item.mid(eq + 1)});
    }
    return fields;
}

bool HeaderFields::isDigits(QByteArrayView value)
{
    // 18 digits keep every accepted value inside qint64.
    if (value.isEmpty() || value.size() > 18)
        return false;
    for (char c : value) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace inlet
