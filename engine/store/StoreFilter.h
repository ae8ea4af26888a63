#pragma once

#include <QString>

namespace inlet {

// What a store listing (StoreQueries) shows.
struct StoreFilter
{
    // Case-insensitive substring of the listing's text columns (ids, names,
    // email...; StoreQueries says which). Empty: no filter.
    QString text;
    // At most this many rows; <= 0 for all.
    int limit = 0;
    // Objects and subscriptions: only this collection. Empty: all.
    QString collection;
};

} // namespace inlet
