#pragma once

#include "mapping/PathRoot.h"
#include "mapping/PathSegment.h"

#include <QString>
#include <QStringView>
#include <vector>

namespace inlet {

// Turns path text into a root and a list of segments, or a message naming the
// offset (in UTF-16 code units) of the first problem. Used by PathExpression;
// kept apart so the hot evaluation code stays small.
class PathParser final
{
public:
    explicit PathParser(QStringView text);

    bool parse();

    PathRoot root() const { return m_root; }
    std::vector<PathSegment> takeSegments() { return std::move(m_segments); }
    QString error() const { return m_error; }

    // Characters a key may contain without quoting. Whitespace, control
    // characters and the path syntax characters . [ ] " ' \ * need ["..."].
    static bool isBareKeyChar(QChar c);

private:
    bool parseRoot();
    bool parseDottedKey();
    bool parseBracket();
    bool parseQuotedKey(qsizetype open);
    bool parseIndex(qsizetype open);
    bool readBareKey(QString *key);
    bool expectClosingBracket(qsizetype open);
    bool fail(const QString &message);

    QStringView m_text;
    qsizetype m_pos = 0;
    PathRoot m_root = PathRoot::Body;
    std::vector<PathSegment> m_segments;
    QString m_error;
};

} // namespace inlet
