#include "verify/FailureText.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QString FailureText::preview(QByteArrayView value, qsizetype keep)
{
    const bool cut = value.size() > keep;
    QString text = QString::fromLatin1(value.first(cut ? keep : value.size()));
    // Header bytes are the sender's: keep control and non-ASCII characters
    // out of log lines and tables.
    for (QChar &c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            c = u'?';
    }
    return u"\""_s + text + (cut ? u"...\""_s : u"\""_s);
}

QString FailureText::count(qint64 n)
{
    // A fixed locale: reasons are log text, read the same on every machine.
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(n);
}

QString FailureText::seconds(qint64 ms)
{
    const qint64 whole = ms / 1000;
    const qint64 rest = ms % 1000;
    if (rest == 0)
        return count(whole) + u" s"_s;
    return count(whole) + u"."_s + QString::number(rest).rightJustified(3, u'0') + u" s"_s;
}

QString FailureText::skew(qint64 ageMs)
{
    if (ageMs >= 0)
        return seconds(ageMs) + u" old"_s;
    return seconds(-ageMs) + u" in the future"_s;
}

QString FailureText::secrets(qsizetype n)
{
    return n == 1 ? u"1 secret"_s : u"%1 secrets"_s.arg(n);
}

} // namespace inlet
