#include "mapping/ValueTemplate.h"

#include "mapping/JsonRender.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

// The closing "}}" of a placeholder, skipping quoted keys so that a "}}"
// inside ["..."] does not end it early. -1 if there is none.
qsizetype ValueTemplate::findClose(const QString &text, qsizetype from)
{
    QChar quote;
    for (qsizetype i = from; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'}' && i + 1 < text.size() && text[i + 1] == u'}') {
            return i;
        }
    }
    return -1;
}

ValueTemplate ValueTemplate::parse(const QString &text, QString *error)
{
    ValueTemplate result;
    result.m_text = text;
    qsizetype pos = 0;
    while (pos <= text.size()) {
        const qsizetype open = text.indexOf(u"{{"_s, pos);
        Part part;
        if (open < 0) {
            part.literal = text.sliced(pos);
            result.m_literalSize += part.literal.size();
            if (!part.literal.isEmpty() || result.m_parts.empty())
                result.m_parts.push_back(std::move(part));
            break;
        }
        part.literal = text.sliced(pos, open - pos);
        const qsizetype close = findClose(text, open + 2);
        if (close < 0) {
            if (error)
                *error = u"unterminated placeholder at offset "_s + QString::number(open) + u": missing }}"_s;
            return ValueTemplate();
        }
        const QString inner = text.sliced(open + 2, close - open - 2).trimmed();
        if (inner.isEmpty()) {
            if (error)
                *error = u"empty placeholder at offset "_s + QString::number(open);
            return ValueTemplate();
        }
        QString pathError;
        part.path = PathExpression::compile(inner, &pathError);
        if (!part.path.isValid()) {
            if (error)
                *error = u"placeholder {{"_s + inner + u"}} at offset "_s + QString::number(open) + u": "_s + pathError;
            return ValueTemplate();
        }
        result.m_literalSize += part.literal.size();
        result.m_parts.push_back(std::move(part));
        pos = close + 2;
    }
    result.m_valid = true;
    if (error)
        error->clear();
    return result;
}

QStringList ValueTemplate::placeholderPaths() const
{
    QStringList paths;
    for (const Part &part : m_parts) {
        if (part.path.isValid())
            paths.append(part.path.text());
    }
    return paths;
}

std::optional<QJsonValue> ValueTemplate::render(const EvalContext &context) const
{
    if (!m_valid)
        return std::nullopt;
    QString out;
    out.reserve(m_literalSize + 16 * qsizetype(m_parts.size()));
    int placeholders = 0;
    int present = 0;
    for (const Part &part : m_parts) {
        out += part.literal;
        if (!part.path.isValid())
            continue;
        ++placeholders;
        if (const std::optional<QJsonValue> value = part.path.evaluate(context)) {
            ++present;
            JsonRender::appendForTemplate(out, *value);
        }
    }
    if (placeholders > 0 && present == 0)
        return std::nullopt;
    return QJsonValue(out);
}

} // namespace inlet
