#pragma once

#include <QJsonObject>
#include <QString>

namespace inlet {

// What a preprocess script produced: the object `main(ctx)` returned, or why
// there is none (a compile or runtime error, a time-out, a non-object result).
struct ScriptResult
{
    bool ok = false;
    bool timedOut = false;
    QJsonObject output;
    QString error;
    double elapsedMs = 0;
};

} // namespace inlet
