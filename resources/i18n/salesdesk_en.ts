<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BriefTab</name>
    <message numerus="yes">
        <source>%n page(s), built in {ms} ms</source>
        <translation>
            <numerusform>%n page, built in {ms} ms</numerusform>
            <numerusform>%n pages, built in {ms} ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CounterpartTab</name>
    <message numerus="yes">
        <source>Read from %n offer(s) of theirs.</source>
        <translation>
            <numerusform>Read from %n offer of theirs.</numerusform>
            <numerusform>Read from %n offers of theirs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message numerus="yes">
        <source>a contact every %n day(s)</source>
        <translation>
            <numerusform>a contact every day</numerusform>
            <numerusform>a contact every %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>{source} export, %n row(s).</source>
        <translation>
            <numerusform>{source} export, %n row.</numerusform>
            <numerusform>{source} export, %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Columns mapped by hand, %n row(s).</source>
        <translation>
            <numerusform>Columns mapped by hand, %n row.</numerusform>
            <numerusform>Columns mapped by hand, %n rows.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>More than %Ln deal(s)</source>
        <translation>
            <numerusform>More than %Ln deal</numerusform>
            <numerusform>More than %Ln deals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deal(s)</source>
        <translation>
            <numerusform>%Ln deal</numerusform>
            <numerusform>%Ln deals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message numerus="yes">
        <source>Every %n day(s) at this phase</source>
        <translation>
            <numerusform>Every day at this phase</numerusform>
            <numerusform>Every %n days at this phase</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message numerus="yes">
        <source>%n conflict(s) settled.</source>
        <translation>
            <numerusform>%n conflict settled.</numerusform>
            <numerusform>%n conflicts settled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StagePath</name>
    <message numerus="yes">
        <source>%n stage(s) skipped, nothing of their checklist ticked: {stages}</source>
        <translation>
            <numerusform>%n stage skipped, nothing of its checklist ticked: {stages}</numerusform>
            <numerusform>%n stages skipped, nothing of their checklists ticked: {stages}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamMembersDialog</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message numerus="yes">
        <source>%n deal(s) changed here and on the server: settle with salesdesk sync --take</source>
        <translation>
            <numerusform>%n deal changed here and on the server: settle with salesdesk sync --take</numerusform>
            <numerusform>%n deals changed here and on the server: settle with salesdesk sync --take</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message numerus="yes">
        <source>Meetings to debrief: what came of them? (%Ln)</source>
        <translation>
            <numerusform>Meetings to debrief: what came of them? (%Ln)</numerusform>
            <numerusform>Meetings to debrief: what came of them? (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contacts due or overdue (the first {shown} of %Ln)</source>
        <translation>
            <numerusform>Contacts due or overdue (the first {shown} of %Ln)</numerusform>
            <numerusform>Contacts due or overdue (the first {shown} of %Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contacts due or overdue (%Ln)</source>
        <translation>
            <numerusform>Contacts due or overdue (%Ln)</numerusform>
            <numerusform>Contacts due or overdue (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Meetings in the next 7 days (%Ln)</source>
        <translation>
            <numerusform>Meetings in the next 7 days (%Ln)</numerusform>
            <numerusform>Meetings in the next 7 days (%Ln)</numerusform>
        </translation>
    </message>
</context>
</TS>
