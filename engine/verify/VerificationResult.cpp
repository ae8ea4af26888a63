#include "verify/VerificationResult.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QString VerificationResult::statusName() const
{
    switch (status) {
    case Status::Verified:
        return u"verified"_s;
    case Status::Failed:
        return u"failed"_s;
    case Status::Unverified:
        break;
    }
    return u"unverified"_s;
}

} // namespace inlet
