#include "util/JsonWriter.h"

#include <QCborValue>
#include <QLocale>

#include <cstring>

namespace inlet {
namespace {

char hexDigit(uint u)
{
    return char(u < 10 ? '0' + u : 'a' + u - 10);
}

char *escapeUnit(char *p, char16_t u)
{
    *p++ = '\\';
    *p++ = 'u';
    *p++ = hexDigit((u >> 12) & 0xf);
    *p++ = hexDigit((u >> 8) & 0xf);
    *p++ = hexDigit((u >> 4) & 0xf);
    *p++ = hexDigit(u & 0xf);
    return p;
}

} // namespace

JsonWriter::JsonWriter(qsizetype reserve)
{
    m_out.resize(qMax<qsizetype>(reserve, 64));
}

QByteArray JsonWriter::write(const QJsonObject &object)
{
    JsonWriter w(object.size() * 24);
    w.object(object);
    w.m_out.truncate(w.m_size);
    return std::move(w.m_out);
}

QByteArray JsonWriter::write(const QJsonArray &array)
{
    JsonWriter w(array.size() * 16);
    w.array(array);
    w.m_out.truncate(w.m_size);
    return std::move(w.m_out);
}

QByteArray JsonWriter::write(const QJsonValue &value)
{
    JsonWriter w(64);
    w.value(value);
    w.m_out.truncate(w.m_size);
    return std::move(w.m_out);
}

char *JsonWriter::grow(qsizetype most)
{
    if (m_out.size() - m_size < most)
        m_out.resize(qMax(m_out.size() * 2, m_size + most));
    return m_out.data() + m_size;
}

void JsonWriter::commit(char *end)
{
    m_size = end - m_out.constData();
}

void JsonWriter::raw(const char *text, qsizetype size)
{
    char *p = grow(size);
    std::memcpy(p, text, size_t(size));
    commit(p + size);
}

void JsonWriter::object(const QJsonObject &o)
{
    raw("{", 1);
    bool first = true;
    for (auto it = o.constBegin(), end = o.constEnd(); it != end; ++it) {
        if (!first)
            raw(",", 1);
        first = false;
        string(it.key());
        raw(":", 1);
        value(it.value());
    }
    raw("}", 1);
}

void JsonWriter::array(const QJsonArray &a)
{
    raw("[", 1);
    bool first = true;
    for (const QJsonValue &v : a) {
        if (!first)
            raw(",", 1);
        first = false;
        value(v);
    }
    raw("]", 1);
}

void JsonWriter::value(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        v.toBool() ? raw("true", 4) : raw("false", 5);
        break;
    case QJsonValue::Double: {
        // Qt keeps integers apart from doubles (1e17 and 100000000000000000
        // are written as given); its CBOR form says which this is.
        const QCborValue c = QCborValue::fromJsonValue(v);
        QByteArray n;
        if (c.isInteger()) {
            n = QByteArray::number(c.toInteger());
        } else {
            const double d = c.toDouble();
            n = qIsFinite(d) ? QByteArray::number(d, 'g', QLocale::FloatingPointShortest) : QByteArray("null");
        }
        raw(n.constData(), n.size());
        break;
    }
    case QJsonValue::String:
        string(v.toString());
        break;
    case QJsonValue::Array:
        array(v.toArray());
        break;
    case QJsonValue::Object:
        object(v.toObject());
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        raw("null", 4);
        break;
    }
}

void JsonWriter::string(QStringView s)
{
    // At most six bytes per UTF-16 unit (\u001f), plus the quotes.
    char *p = grow(s.size() * 6 + 2);
    *p++ = '"';
    const char16_t *c = s.utf16();
    const char16_t *end = c + s.size();
    while (c < end) {
        const char16_t u = *c++;
        if (u < 0x80) {
            if (u >= 0x20 && u != '"' && u != '\\') {
                *p++ = char(u);
                continue;
            }
            *p++ = '\\';
            switch (u) {
            case '"':
                *p++ = '"';
                break;
            case '\\':
                *p++ = '\\';
                break;
            case 0x08:
                *p++ = 'b';
                break;
            case 0x0c:
                *p++ = 'f';
                break;
            case 0x0a:
                *p++ = 'n';
                break;
            case 0x0d:
                *p++ = 'r';
                break;
            case 0x09:
                *p++ = 't';
                break;
            default:
                p = escapeUnit(p - 1, u);
                break;
            }
        } else if (u < 0x800) {
            *p++ = char(0xc0 | (u >> 6));
            *p++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && c < end && QChar::isLowSurrogate(*c)) {
            const char32_t cp = QChar::surrogateToUcs4(u, *c++);
            *p++ = char(0xf0 | (cp >> 18));
            *p++ = char(0x80 | ((cp >> 12) & 0x3f));
            *p++ = char(0x80 | ((cp >> 6) & 0x3f));
            *p++ = char(0x80 | (cp & 0x3f));
        } else if (QChar::isSurrogate(u)) { // unpaired: not UTF-8, so escaped as Qt does
            p = escapeUnit(p, u);
        } else {
            *p++ = char(0xe0 | (u >> 12));
            *p++ = char(0x80 | ((u >> 6) & 0x3f));
            *p++ = char(0x80 | (u & 0x3f));
        }
    }
    *p++ = '"';
    commit(p);
}

} // namespace inlet
