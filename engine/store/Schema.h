#pragma once

#include <QStringList>

namespace inlet::schema {

// One entry per schema version; each is a list of statements applied in a
// transaction. Append new versions, never edit released ones.
const QList<QStringList> &migrations();

} // namespace inlet::schema
