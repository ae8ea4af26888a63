#include "mapping/EvalContext.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QJsonObject EvalContext::toJson() const
{
    QJsonObject document;
    // QJsonObject::insert() drops undefined values, which keeps absent parts absent.
    document.insert(u"body"_s, body);
    document.insert(u"headers"_s, headers);
    document.insert(u"query"_s, query);
    document.insert(u"preprocess"_s, preprocess);
    return document;
}

EvalContext EvalContext::fromJson(const QJsonObject &document)
{
    EvalContext context;
    context.body = document.value(u"body"_s);
    const QJsonObject headers = document.value(u"headers"_s).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        context.headers.insert(it.key().toLower(), it.value());
    context.query = document.value(u"query"_s).toObject();
    context.preprocess = document.value(u"preprocess"_s);
    return context;
}

} // namespace inlet
