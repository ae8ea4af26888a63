#pragma once

#include <QSqlDatabase>
#include <QString>

namespace inlet {

// The full-text index of event bodies (FTS5 table `events_fts`, SQLite).
//
// Text search is a case-sensitive substring test (`instr`) that would read
// every body of the log; the index narrows it to the events holding the
// search's words, so it answers in milliseconds at 1,000,000 events. Events
// are indexed behind ingestion (never on the acknowledging path), in
// storage order up to a watermark; the few newer ones are tested directly.
// With the index, a search finds its text where a word starts:
// "cus_00042" and "00042" find "cus_00042", "us_00042" does not.
class SearchIndex final
{
public:
    // Indexes the events stored after the watermark, in order, up to `max`
    // of them and `maxBytes` of bodies as received (at least one event,
    // whatever its size); returns how many, -1 on error. Runs inside the caller's write
    // transaction.
    static int indexMore(QSqlDatabase &db, int max, qint64 maxBytes, QString *error);

    // The FTS5 query that every body containing `search` (at a word start)
    // matches, or an empty string when the search has no word to look up.
    static QString matchExpression(const QString &search);

    // The FTS5 query that a body holding the JSON value `value` (a string,
    // number or boolean of a `path = value` filter) matches, or an empty
    // string when the index cannot narrow it (no words, or non-ASCII text a
    // sender may have written with \u escapes).
    static QString valueExpression(const QString &value);

    // SQL that keeps the events whose body may contain the words of a
    // match expression (bound as one value): indexed matches, plus every
    // event not indexed yet.
    static QString candidatesSql();

    // SQL that removes events from the index before they are deleted; binds
    // the same values as `selectSeqs` (a SELECT of the seqs to delete).
    static QString forgetSql(const QString &selectSeqs);
};

} // namespace inlet
