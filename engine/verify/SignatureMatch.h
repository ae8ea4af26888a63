#pragma once

#include <QByteArray>
#include <QList>

namespace inlet {

// Compares the signatures a request carries with the ones computed for each
// active secret (rotation: any pair may match). Every pair is compared in
// constant time and the loop never stops early, so timing says nothing about
// which secret or which entry came close.
class SignatureMatch final
{
public:
    static bool any(const QList<QByteArray> &expected, const QList<QByteArray> &received);
};

} // namespace inlet
