#include "mapping/JsonSpan.h"

#include <cstring>

namespace inlet {
namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// The closing quote of the string whose opening quote is at `open`, or
// nullptr. memchr finds quote candidates (strings are most of a document);
// a quote after an odd run of backslashes is escaped.
const char *closingQuote(const char *open, const char *end)
{
    const char *q = open + 1;
    for (;;) {
        q = static_cast<const char *>(std::memchr(q, '"', size_t(end - q)));
        if (!q)
            return nullptr;
        const char *b = q;
        while (b > open + 1 && b[-1] == '\\')
            --b;
        if ((q - b) % 2 == 0)
            return q;
        ++q;
    }
}

// A cursor over the document; every step stops at its end.
struct Scanner
{
    const char *p;
    const char *end;

    void skipSpace()
    {
        while (p < end && isSpace(*p))
            ++p;
    }

    bool take(char c)
    {
        skipSpace();
        if (p >= end || *p != c)
            return false;
        ++p;
        return true;
    }

    // At the opening quote; leaves `p` past the closing one.
    bool skipString()
    {
        const char *close = closingQuote(p, end);
        if (!close)
            return false;
        p = close + 1;
        return true;
    }

    // Past one value of any kind; `p` at its first character.
    bool skipValue()
    {
        if (p >= end)
            return false;
        switch (*p) {
        case '"':
            return skipString();
        case '{':
        case '[': {
            int depth = 0;
            while (p < end) {
                const char c = *p;
                if (c == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                ++p;
                if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0)
                        return true;
                }
            }
            return false;
        }
        default: // a number, true, false or null
            while (p < end && *p != ',' && *p != '}' && *p != ']' && !isSpace(*p))
                ++p;
            return true;
        }
    }
};

// The last member named `key` of the object at s.p, or nullopt.
std::optional<QByteArrayView> member(Scanner &s, QByteArrayView key)
{
    if (!s.take('{'))
        return std::nullopt;
    std::optional<QByteArrayView> found; // {} has no member: the name test below says so
    for (;;) {
        s.skipSpace();
        if (s.p >= s.end || *s.p != '"')
            return std::nullopt;
        const char *nameStart = s.p + 1;
        if (!s.skipString())
            return std::nullopt;
        const QByteArrayView name(nameStart, s.p - 1 - nameStart);
        if (name.contains('\\')) // the name's text is not its value: leave it to Qt
            return std::nullopt;
        if (!s.take(':'))
            return std::nullopt;
        s.skipSpace();
        const char *valueStart = s.p;
        if (!s.skipValue())
            return std::nullopt;
        if (name == key)
            found = QByteArrayView(valueStart, s.p - valueStart);
        if (s.take(','))
            continue;
        if (s.take('}'))
            return found;
        return std::nullopt;
    }
}

// Element `index` of the array at s.p, or nullopt.
std::optional<QByteArrayView> element(Scanner &s, qsizetype index)
{
    if (!s.take('['))
        return std::nullopt;
    for (qsizetype i = 0;; ++i) {
        s.skipSpace();
        if (s.p >= s.end || *s.p == ']')
            return std::nullopt;
        const char *valueStart = s.p;
        if (!s.skipValue())
            return std::nullopt;
        if (i == index)
            return QByteArrayView(valueStart, s.p - valueStart);
        if (!s.take(','))
            return std::nullopt;
    }
}

} // namespace

std::optional<QByteArrayView> JsonSpan::find(QByteArrayView document, const std::vector<PathSegment> &segments)
{
    Scanner s{document.data(), document.data() + document.size()};
    if (document.startsWith("\xef\xbb\xbf")) // a byte order mark, which Qt skips too
        s.p += 3;
    s.skipSpace();
    QByteArrayView value(s.p, s.end - s.p);
    QByteArray key;
    for (const PathSegment &segment : segments) {
        std::optional<QByteArrayView> next;
        s = Scanner{value.data(), value.data() + value.size()};
        switch (segment.kind) {
        case PathSegment::Kind::Key:
            key = segment.key.toUtf8();
            next = member(s, key);
            break;
        case PathSegment::Kind::Index:
            next = element(s, segment.index);
            break;
        case PathSegment::Kind::Wildcard:
            return std::nullopt;
        }
        if (!next)
            return std::nullopt;
        value = *next;
    }
    // The root itself: the document without the space around it (Qt
    // refuses anything after the root value).
    if (segments.empty()) {
        while (!value.isEmpty() && isSpace(value.back()))
            value.chop(1);
    }
    if (value.isEmpty())
        return std::nullopt;
    return value;
}

QByteArray JsonSpan::compact(const QByteArray &document, QByteArrayView span)
{
    QByteArray out(span.size(), Qt::Uninitialized);
    char *o = out.data();
    const char *p = span.data();
    const char *end = p + span.size();
    while (p < end) {
        const char c = *p;
        if (c == '"') { // a string, copied as it is
            const char *close = closingQuote(p, end);
            const char *next = close ? close + 1 : end;
            std::memcpy(o, p, size_t(next - p));
            o += next - p;
            p = next;
            continue;
        }
        ++p;
        if (!isSpace(c))
            *o++ = c;
    }
    const qsizetype size = o - out.constData();
    if (size == document.size() && span.data() == document.constData())
        return document;
    out.truncate(size);
    return out;
}

} // namespace inlet
