#pragma once

#include "logs/EventRecord.h"
#include "mapping/EvalContext.h"

namespace inlet {

// Builds what mapping paths see ({body, headers, query, preprocess}) from a
// logged event. Returns false (with a reason) if the body is not JSON.
bool buildEvalContext(const EventRecord &event, EvalContext &context, QString *error);

} // namespace inlet
