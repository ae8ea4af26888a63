#include "mapping/PathParser.h"

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

namespace {

// Array indices beyond int range cannot exist in a parsed JSON document; the
// bound keeps the digit loop overflow-free.
constexpr qsizetype maxIndex = std::numeric_limits<int>::max();

QString describe(QChar c)
{
    if (c == u' ')
        return u"space"_s;
    if (c.isPrint() && !c.isSpace())
        return u"'"_s + c + u"'"_s;
    return u"U+%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0')).toUpper();
}

QString offsetText(qsizetype offset)
{
    return u" at offset "_s + QString::number(offset);
}

} // namespace

PathParser::PathParser(QStringView text)
    : m_text(text)
{}

bool PathParser::isBareKeyChar(QChar c)
{
    switch (c.unicode()) {
    case u'.':
    case u'[':
    case u']':
    case u'"':
    case u'\'':
    case u'\\':
    case u'*':
        return false;
    default:
        return !c.isSpace() && c.category() != QChar::Other_Control;
    }
}

bool PathParser::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool PathParser::parse()
{
    if (m_text.isEmpty())
        return fail(u"empty path"_s);
    if (!parseRoot())
        return false;
    while (m_pos < m_text.size()) {
        const QChar c = m_text[m_pos];
        const bool ok = c == u'.' ? parseDottedKey() : parseBracket();
        if (!ok)
            return false;
    }
    return true;
}

bool PathParser::parseRoot()
{
    QString name;
    if (!readBareKey(&name))
        return false;
    static constexpr PathRoot roots[] = {PathRoot::Body, PathRoot::Headers, PathRoot::Query, PathRoot::Preprocess};
    for (const PathRoot root : roots) {
        if (name == pathRootName(root)) {
            m_root = root;
            return true;
        }
    }
    const QString what = name.isEmpty() ? u"missing root"_s : u"unknown root \""_s + name + u"\""_s;
    return fail(what + offsetText(0) + u": a path starts with body, headers, query or preprocess"_s);
}

// Reads key characters up to the next '.', '[' or the end. Any other
// character that cannot appear unquoted is reported where it stands.
bool PathParser::readBareKey(QString *key)
{
    const qsizetype start = m_pos;
    while (m_pos < m_text.size()) {
        const QChar c = m_text[m_pos];
        if (c == u'.' || c == u'[')
            break;
        if (!isBareKeyChar(c)) {
            QString hint;
            if (c == u'*')
                hint = u": use [*] to map over an array"_s;
            else if (c == u'"' || c == u'\'')
                hint = u": quoted keys go in brackets, like [\"...\"]"_s;
            else if (c != u']')
                hint = u": keys containing it must be quoted, like [\"...\"]"_s;
            return fail(u"unexpected "_s + describe(c) + offsetText(m_pos) + hint);
        }
        ++m_pos;
    }
    *key = m_text.sliced(start, m_pos - start).toString();
    return true;
}

bool PathParser::parseDottedKey()
{
    ++m_pos; // the '.'
    const qsizetype start = m_pos;
    PathSegment segment;
    if (!readBareKey(&segment.key))
        return false;
    if (segment.key.isEmpty())
        return fail(u"empty key"_s + offsetText(start));
    m_segments.push_back(std::move(segment));
    return true;
}

bool PathParser::parseBracket()
{
    const qsizetype open = m_pos;
    if (m_text[m_pos] != u'[') // only ']' can get here: the bare key reader stops at '.' and '[' only
        return fail(u"unexpected "_s + describe(m_text[m_pos]) + offsetText(m_pos));
    ++m_pos;
    if (m_pos >= m_text.size())
        return fail(u"unterminated bracket"_s + offsetText(open));
    const QChar c = m_text[m_pos];
    bool ok = false;
    if (c == u'*') {
        ++m_pos;
        m_segments.push_back(PathSegment{PathSegment::Kind::Wildcard, 0, {}});
        ok = expectClosingBracket(open);
    } else if (c == u'"' || c == u'\'') {
        ok = parseQuotedKey(open);
    } else if (c == u']') {
        return fail(u"empty brackets"_s + offsetText(open));
    } else if (c == u'-') {
        return fail(u"negative index"_s + offsetText(m_pos) + u": indices count from 0"_s);
    } else {
        ok = parseIndex(open);
    }
    if (!ok)
        return false;
    // A closed bracket must be followed by another step or the end, so that
    // "items[0]id" is not silently read as two segments.
    if (m_pos < m_text.size() && m_text[m_pos] != u'.' && m_text[m_pos] != u'[')
        return fail(u"expected '.' or '['"_s + offsetText(m_pos));
    return true;
}

bool PathParser::parseQuotedKey(qsizetype open)
{
    const qsizetype quotePos = m_pos;
    const QChar quote = m_text[m_pos++];
    PathSegment segment;
    while (true) {
        if (m_pos >= m_text.size())
            return fail(u"unterminated quote"_s + offsetText(quotePos));
        const QChar c = m_text[m_pos];
        if (c == quote) {
            ++m_pos;
            break;
        }
        if (c == u'\\') {
            if (m_pos + 1 >= m_text.size())
                return fail(u"unterminated quote"_s + offsetText(quotePos));
            const QChar escaped = m_text[m_pos + 1];
            if (escaped != u'\\' && escaped != u'"' && escaped != u'\'')
                return fail(u"bad escape"_s + offsetText(m_pos) +
                            u": only \\\\, \\\" and \\' are allowed in quoted keys"_s);
            segment.key.append(escaped);
            m_pos += 2;
            continue;
        }
        segment.key.append(c);
        ++m_pos;
    }
    // An empty quoted key is allowed: "" is a valid JSON member name.
    m_segments.push_back(std::move(segment));
    return expectClosingBracket(open);
}

bool PathParser::parseIndex(qsizetype open)
{
    const qsizetype start = m_pos;
    qsizetype index = 0;
    while (m_pos < m_text.size() && m_text[m_pos].isDigit() && m_text[m_pos].unicode() < 128) {
        index = index * 10 + (m_text[m_pos].unicode() - u'0');
        if (index > maxIndex)
            return fail(u"index too large"_s + offsetText(start));
        ++m_pos;
    }
    if (m_pos == start || (m_pos < m_text.size() && m_text[m_pos] != u']'))
        return fail(u"bad index"_s + offsetText(start) + u": expected a number, * or a quoted key like [\"name\"]"_s);
    m_segments.push_back(PathSegment{PathSegment::Kind::Index, index, {}});
    return expectClosingBracket(open);
}

bool PathParser::expectClosingBracket(qsizetype open)
{
    if (m_pos >= m_text.size())
        return fail(u"unterminated bracket"_s + offsetText(open));
    if (m_text[m_pos] != u']')
        return fail(u"expected ']'"_s + offsetText(m_pos));
    ++m_pos;
    return true;
}

} // namespace inlet
