#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace inlet {

// The `key=value` items of a comma-separated signature header, such as
// Stripe-Signature (`t=...,v1=...`) and WorkOS-Signature (`t=..., v1=...`).
class HeaderFields final
{
public:
    // Items without '=' are skipped. With `trim`, spaces around an item are
    // dropped (WorkOS writes ", "); without it keys are taken as written,
    // as Stripe's libraries do (" v1" is not "v1").
    static QList<QPair<QByteArray, QByteArray>> parse(QByteArrayView header, bool trim);

    // A timestamp in digits only: no sign, no spaces, no fraction.
    static bool isDigits(QByteArrayView value);
};

} // namespace inlet
