#include "logs/LogFilter.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

bool LogFilter::setWhere(const QString &expression, QString *error)
{
    const qsizetype eq = expression.indexOf(u'=');
    if (eq <= 0) {
        if (error)
            *error = u"expected PATH=VALUE, e.g. body.data.object.customer=cus_123"_s;
        return false;
    }
    wherePath = expression.left(eq).trimmed();
    whereValue = expression.mid(eq + 1).trimmed();
    return true;
}

} // namespace inlet
