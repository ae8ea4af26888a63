#include "logs/SearchIndex.h"

#include "store/CachedQuery.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

const QString kWatermark = u"(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_indexed_seq')"_s;

// A prefix shorter than this matches too many words to narrow anything.
constexpr int kMinPrefix = 3;

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber();
}

QStringList splitWords(const QString &text)
{
    QStringList words;
    qsizetype i = 0;
    while (i < text.size()) {
        if (!isWordChar(text[i])) {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < text.size() && isWordChar(text[j]))
            ++j;
        words.append(text.mid(i, j - i));
        i = j;
    }
    return words;
}

// "a" "b": every word must be in the body. Words hold no quotes (they are
// letters and digits), so nothing typed reaches the FTS5 query syntax.
QString quotedWords(const QStringList &words)
{
    QStringList out;
    for (const QString &w : words)
        out.append(u"\""_s + w + u"\""_s);
    return out.join(u' ');
}

} // namespace

int SearchIndex::indexMore(QSqlDatabase &db, int max, qint64 maxBytes, QString *error)
{
    auto failed = [error](const CachedQuery &q) {
        if (error)
            *error = q.error();
        return -1;
    };
    // The sizes received before each event, summed in order: the step ends
    // where they reach `maxBytes` (the `size` column, because length() of a
    // text reads all of it). The LIMIT comes first, so a long unindexed
    // tail is not read to the end.
    CachedQuery upTo(db, u"SELECT count(*), max(seq) FROM (SELECT seq, sum(n) OVER (ORDER BY seq ROWS UNBOUNDED"
                         " PRECEDING) - n AS before FROM (SELECT seq, size AS n FROM events WHERE seq > "_s +
                             kWatermark + u" ORDER BY seq LIMIT ?)) WHERE before < ?"_s);
    upTo->addBindValue(max);
    upTo->addBindValue(maxBytes);
    if (!upTo.isPrepared() || !upTo->exec() || !upTo->next())
        return failed(upTo);
    const int count = upTo->value(0).toInt();
    const qint64 last = upTo->value(1).toLongLong();
    if (count == 0)
        return 0;
    CachedQuery insert(db, u"INSERT INTO events_fts (rowid, body) SELECT seq, body FROM event_bodies WHERE seq > "_s +
                               kWatermark + u" AND seq <= ?"_s);
    insert->addBindValue(last);
    if (!insert.isPrepared() || !insert->exec())
        return failed(insert);
    CachedQuery mark(db, u"UPDATE meta SET value = ? WHERE key = 'fts_indexed_seq'"_s);
    mark->addBindValue(QString::number(last));
    if (!mark.isPrepared() || !mark->exec())
        return failed(mark);
    return count;
}

QString SearchIndex::matchExpression(const QString &search)
{
    // Words followed by a separator in the search are whole words of the
    // body (given that the search starts a word); the last one may be the
    // start of a longer word.
    QStringList words = splitWords(search);
    const bool lastIsWhole = !search.isEmpty() && !isWordChar(search.back());
    const QString last = lastIsWhole || words.isEmpty() ? QString() : words.takeLast();
    // Whole words alone narrow well; a trailing prefix such as "com" of
    // "example.com" would only make the index read more.
    if (!words.isEmpty())
        return quotedWords(words);
    if (last.size() >= kMinPrefix)
        return quotedWords({last}) + u"*"_s;
    return {};
}

QString SearchIndex::valueExpression(const QString &value)
{
    if (std::any_of(value.cbegin(), value.cend(), [](QChar c) { return c.unicode() >= 0x80; }))
        return {};
    return quotedWords(splitWords(value)); // a whole value: every word is whole
}

QString SearchIndex::candidatesSql()
{
    // `+seq` keeps the match list a filter: SQLite walks the log newest
    // first and stops at a page, instead of sorting every match.
    return u"(+seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?) OR seq > "_s + kWatermark + u")"_s;
}

QString SearchIndex::forgetSql(const QString &selectSeqs)
{
    return u"INSERT INTO events_fts (events_fts, rowid, body) SELECT 'delete', seq, body FROM event_bodies WHERE seq IN ("_s +
           selectSeqs + u") AND seq <= "_s + kWatermark;
}

} // namespace inlet
