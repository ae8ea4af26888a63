#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace inlet {

// Indents JSON text as the sender wrote it: members keep their order (and
// duplicates), strings and numbers their spelling. QJsonDocument's indented
// form sorts keys, which hides the order a provider documents and sends.
class JsonIndent final
{
public:
    // `json` must be valid JSON (check it first); four spaces per level,
    // `"key": value`, empty containers on one line, a final newline.
    static QByteArray indent(QByteArrayView json);
};

} // namespace inlet
