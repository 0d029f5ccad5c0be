"""Literal feeds in each format the readers support."""

from __future__ import annotations

FEED_URL = "https://news.example.org/feed.xml"

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Steppe News</title><link>https://news.example.org/</link><language>en</language>
<item>
  <title>Grain &amp; rail</title>
  <link>https://news.example.org/grain</link>
  <guid isPermaLink="false">steppe-101</guid>
  <pubDate>Tue, 05 Mar 2024 10:00:00 +0200</pubDate>
  <author>desk@news.example.org (Aigerim Sadykova)</author>
  <category>Trade</category><category>Kazakhstan</category>
  <description><![CDATA[<p>Exports <b>rise</b>.</p>]]></description>
  <content:encoded><![CDATA[<p>Kazakhstan exported more grain.</p><script>track()</script>
    <p>Rail links to China open.</p>]]></content:encoded>
  <enclosure url="https://news.example.org/grain.mp3" type="audio/mpeg" length="1000"/>
</item>
<item><description>An entry with no title</description></item>
<item><title>Bad date</title><pubDate>sometime soon</pubDate><description>x</description></item>
<item><title>No text at all</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Dépêches</title><id>urn:x</id><updated>2024-03-06T08:00:00Z</updated>
  <entry>
    <title type="html">Accord &lt;em&gt;signé&lt;/em&gt;</title>
    <id>urn:entry:1</id>
    <link rel="alternate" href="https://depeches.example.org/accord"/>
    <published>2024-03-05T09:00:00+01:00</published>
    <updated>2024-03-06T08:00:00Z</updated>
    <author><name>Claire Martin</name></author>
    <summary>Un accord est signé.</summary>
    <content type="html">&lt;p&gt;Les deux pays ont signé un accord à Genève.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Mise à jour seulement</title><id>urn:entry:2</id>
    <updated>2024-03-07T12:00:00Z</updated>
    <content type="text">Texte brut.</content>
  </entry>
</feed>""".encode()

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://r1.example.org/"><title>RDF wire</title>
    <link>https://r1.example.org/</link><description>d</description></channel>
  <item rdf:about="https://r1.example.org/1"><title>Talks in Baku</title>
    <link>https://r1.example.org/1</link><description>Delegations met in Baku.</description>
    <dc:date>2024-02-01T12:00:00Z</dc:date><dc:creator>Rashad Aliyev</dc:creator></item>
</rdf:RDF>"""

RSS091 = b"""<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old wire</title><link>https://old.example.org/</link>
<description>d</description><language>en-us</language>
<item><title>Port reopens</title><link>https://old.example.org/port</link>
<description>The port of Aktau reopened.</description></item>
</channel></rss>"""
