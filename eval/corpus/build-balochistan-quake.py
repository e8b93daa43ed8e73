# Writes balochistan-quake.json: four public-domain reports of the 24 September 2013 Balochistan earthquake by
# different U.S. Government outlets, verbatim (paragraphs joined with a line break), and their annotations.
# Run from this folder: python3 build-balochistan-quake.py
import json
A = [
 dict(id="voa-2013-09-26", outlet="Voice of America",
  title="Pakistan Earthquake Toll Nears 350",
  url="http://www.voanews.com/content/pakistan-earthquake-toll-nears-350/1757388.html",
  license="Public domain (work of Voice of America, a U.S. Government agency)",
  paragraphs=[
   "The death toll continues to rise from Tuesday's strong earthquake in southwestern Pakistan.",
   "Officials now say 348 people were killed in Pakistan's Baluchistan province after thousands of mud homes collapsed during an earthquake in the mountainous Awaran district.",
   "Local officials said Thursday that more than 500 people were injured in the magnitude 7.7 quake.",
   "Members of Pakistan's military have been deployed to help with recovery efforts.",
   "On Wednesday, talking to VOA, Chief of National Disaster Management Authority Maj. Gen. Saeed Aleem said the government is setting up relief camps in several cities to help those affected by the earthquake.",
   "\"We update the information as it comes to us from far flung areas. We would like to give you only the authentic information. Do not believe in hearsay. For the injured, the latest figure is 446. We are trying to set up bases to support these people. Quetta and Karachi will be central bases. Moreover, we are building a big hub in Khuzdar,\" said Aleem.",
   "Rescue workers are trying to move them to hospitals, but their efforts have been hampered by the widespread destruction. A local official said survivors in the area -- which is near the border with Iran -- are in desperate need of tents, medicine and food.",
   "The powerful quake also caused the seabed to rise and create a small island off Pakistan's southern coast.",
   "It was the worst earthquake to hit Pakistan since 2005, when a quake near Kashmir killed at least 73,000 people.",
   "The U.S. Geological Survey says the quake's epicenter was about 230 kilometers southwest of Dalbandin in Baluchistan. Reports say the quake was felt as far away as New Delhi.",
  ]),
 dict(id="usgs-2013-09-24", outlet="U.S. Geological Survey",
  title="Poster of the Southwestern Pakistan Earthquake of 24 September 2013 - Magnitude 7.7: Tectonic Summary",
  url="http://earthquake.usgs.gov/earthquakes/eqarchives/poster/2013/20130924.php",
  license="Public domain (work of the U.S. Geological Survey, a U.S. Government agency)",
  paragraphs=[
   "The September 24, 2013 M7.7 earthquake in south-central Pakistan occurred as the result of oblique-strike-slip type motion at shallow crustal depths. The location and mechanism of the earthquake are consistent with rupture within the Eurasia plate above the Makran subduction zone. The event occurred within the transition zone between northward subduction of the Arabia plate beneath the Eurasia plate and northward collision of the India plate with the Eurasia plate. The epicenter of the event is 69km north of Awaran, Pakistan, and 270km north of Karachi, Pakistan (population 11.6 million). On a broad scale, the tectonics of southern and central Pakistan reflect a complex plate boundary where the India plate slides northward relative to the Eurasia plate in the east, and the Arabia plate subducts northward beneath the Eurasia plate in the Makran (western Pakistan). These motions typically result in north-south to northeast-southwest strike-slip motion at the latitude of the September 24 earthquake that is primarily accommodated on the Chaman Fault, with the earthquake potentially occurring on one of the southern-most strands of this fault system. Further, more in-depth studies will be required to identify the precise fault associated with this event. Although seismically active, this portion of the Eurasia plate boundary region has not experience large damaging earthquakes in the recent history. In the past 40 years, only one significant event (M6.1), which killed 6, has occurred within 200km of the September 2013 event, in July of 1990.",
  ]),
 dict(id="nasa-eo-2013-09", outlet="NASA Earth Observatory",
  title="Pakistan Mud Volcano (image caption)",
  url="http://eckoric.blogspot.com/2014/06/",
  license="Public domain (work of NASA's Earth Observatory, a U.S. Government agency)",
  paragraphs=[
   "On September 24, 2013, a major strike-slip earthquake rattled western Pakistan, killing at least 350 people and leaving more than 100,000 homeless. The 7.7 magnitude quake struck the Baluchistan province of northwestern Pakistan. Amidst the destruction, a new island was created offshore in the Paddi Zirr (West Bay) near Gwadar, Pakistan.",
   "On September 26, 2013, the Advanced Land Imager (ALI) on NASA’s Earth Observing-1 (EO-1) satellite captured the top image of that new island, which sits roughly one kilometer (0.6 miles) offshore. Likely a “mud volcano,” the island rose from the seafloor near Gwadar on September 24, shortly after the earthquake struck about 380 kilometers (230 miles) inland. The lower image, acquired by the Operational Land Imager on the Landsat 8 satellite, shows the same area on April 17, 2013.",
   "In the satellite images, lighter shades of green and tan in the water reveal shallow seafloor or suspended sediment. The water depth around the new island is roughly 15 to 20 meters (50 to 65 feet), according to marine geologist Asif Inam of Pakistan’s National Institute of Oceanography. “The floor in that area is generally flat, but the gradient in this area changes quite abruptly,” Inam said. The top image from ALI is also clear enough to show the parallel ripples of waves marching toward the shore.",
   "The aerial photograph below from the National Institute of Oceanography provides a close-up of the landform, estimated to stretch 75 to 90 meters (250 to 300 feet) across and standing 15 to 20 meters (60 to 70 feet) above the water line. The surface is a mixture of mud, fine sand, and solid rock. Click on the downloadable video below the image for a first-hand view.",
  ]),
 dict(id="nasa-landsat-2019", outlet="NASA Landsat Science",
  title="The Sea Takes Back a Baby Island",
  url="https://landsat.visibleearth.nasa.gov/view.php?id=145265",
  license="Public domain (work of NASA, a U.S. Government agency)",
  paragraphs=[
   "After a 7.7 magnitude earthquake shook western Pakistan in September 2013, an oval-shaped island sprang up in a shallow bay near the port city of Gwadar. The island, called Zalzala Koh (Earthquake Mountain in Urdu) was the product of a mud volcano triggered by the earthquake. At the time, geologists said the tiny island—20 meters high, 90 meters wide, and 40 meters long—would not last long when faced with waves and tides that would chip away at the muddy, silty feature.",
   "They were right. For a few years, Landsat regularly acquired images with trails of mud and sediment discoloring the water around the island. By the end of 2016, not much terrain was left above the water line. Satellite images indicated that the Arabian Sea was washing over the island at high tide, affirming local news stories that the island had disappeared.",
   "Zalzala Koh may be out of sight for now, but that does not mean it is completely gone. In 2019, hints of the island persist in Landsat imagery. As recently as June 2019, Landsat observed trails of sediment circulating around the submerged base. The series of images above shows the island in April and September 2013, November 2016, and April 2019. The Advanced Land Imager (ALI) on EO-1 acquired the September 2013 image; all the others images came from the Operational Land Imager (OLI) on Landsat 8.",
   "The mud volcanoes along Pakistan’s coast are a byproduct of plate tectonics. The Arabian plate is sinking beneath the Eurasian plate by a few centimeters per year. The process pushes soft sediments onto the edge of the Eurasian plate and become a key ingredient for mud volcanoes.",
  ]),
]
V, U, E, L = (a["id"] for a in A)
EVENTS = {
 "quake": "Magnitude 7.7 earthquake strikes Balochistan, Pakistan, 24 September 2013",
 "toll": "Dead, injured and homeless after the earthquake",
 "island": "A mud-volcano island rises off Gwadar after the earthquake",
 "tectonics": "The plate motion behind the earthquake",
 "relief": "Relief and recovery after the earthquake",
}
# (article, quote, tags, events)
N = [
 (V, "The death toll continues to rise from Tuesday's strong earthquake in southwestern Pakistan", ["factual claim", "health and safety"], ["toll"]),
 (V, "Officials now say 348 people were killed in Pakistan's Baluchistan province", ["statistic", "quote/attribution", "health and safety"], ["toll"]),
 (V, "thousands of mud homes collapsed during an earthquake in the mountainous Awaran district", ["statistic", "capacity and resources"], ["toll"]),
 (V, "Local officials said Thursday that more than 500 people were injured in the magnitude 7.7 quake", ["statistic", "quote/attribution", "health and safety"], ["toll"]),
 (V, "Members of Pakistan's military have been deployed to help with recovery efforts", ["factual claim", "capacity and resources"], ["relief"]),
 (V, "Saeed Aleem said the government is setting up relief camps in several cities to help those affected by the earthquake", ["quote/attribution", "capacity and resources"], ["relief"]),
 (V, "For the injured, the latest figure is 446", ["statistic", "quote/attribution", "health and safety"], ["toll"]),
 (V, "A local official said survivors in the area -- which is near the border with Iran -- are in desperate need of tents, medicine and food", ["quote/attribution", "capacity and resources"], ["relief"]),
 (V, "The powerful quake also caused the seabed to rise and create a small island off Pakistan's southern coast", ["factual claim"], ["island"]),
 (V, "It was the worst earthquake to hit Pakistan since 2005, when a quake near Kashmir killed at least 73,000 people", ["statistic", "exaggeration/minimisation"], []),
 (V, "The U.S. Geological Survey says the quake's epicenter was about 230 kilometers southwest of Dalbandin in Baluchistan", ["statistic", "quote/attribution"], ["quake"]),
 (V, "Reports say the quake was felt as far away as New Delhi", ["quote/attribution", "unverified"], ["quake"]),
 (U, "The September 24, 2013 M7.7 earthquake in south-central Pakistan occurred as the result of oblique-strike-slip type motion at shallow crustal depths", ["statistic"], ["quake", "tectonics"]),
 (U, "The location and mechanism of the earthquake are consistent with rupture within the Eurasia plate above the Makran subduction zone", ["factual claim"], ["tectonics"]),
 (U, "The epicenter of the event is 69km north of Awaran, Pakistan, and 270km north of Karachi, Pakistan (population 11.6 million)", ["statistic"], ["quake"]),
 (U, "the Arabia plate subducts northward beneath the Eurasia plate in the Makran (western Pakistan)", ["factual claim"], ["tectonics"]),
 (U, "Further, more in-depth studies will be required to identify the precise fault associated with this event", ["prediction"], ["tectonics"]),
 (U, "In the past 40 years, only one significant event (M6.1), which killed 6, has occurred within 200km of the September 2013 event", ["statistic"], []),
 (E, "a major strike-slip earthquake rattled western Pakistan, killing at least 350 people and leaving more than 100,000 homeless", ["statistic", "health and safety"], ["quake", "toll"]),
 (E, "The 7.7 magnitude quake struck the Baluchistan province of northwestern Pakistan", ["statistic"], ["quake"]),
 (E, "a new island was created offshore in the Paddi Zirr (West Bay) near Gwadar, Pakistan", ["factual claim"], ["island"]),
 (E, "that new island, which sits roughly one kilometer (0.6 miles) offshore", ["statistic"], ["island"]),
 (E, "Likely a “mud volcano,” the island rose from the seafloor near Gwadar on September 24, shortly after the earthquake struck about 380 kilometers (230 miles) inland", ["statistic", "unverified"], ["island"]),
 (E, "The water depth around the new island is roughly 15 to 20 meters (50 to 65 feet), according to marine geologist Asif Inam", ["statistic", "quote/attribution"], ["island"]),
 (E, "estimated to stretch 75 to 90 meters (250 to 300 feet) across and standing 15 to 20 meters (60 to 70 feet) above the water line", ["statistic"], ["island"]),
 (L, "After a 7.7 magnitude earthquake shook western Pakistan in September 2013", ["statistic"], ["quake"]),
 (L, "an oval-shaped island sprang up in a shallow bay near the port city of Gwadar", ["factual claim"], ["island"]),
 (L, "geologists said the tiny island—20 meters high, 90 meters wide, and 40 meters long—would not last long", ["statistic", "quote/attribution", "prediction"], ["island"]),
 (L, "By the end of 2016, not much terrain was left above the water line", ["factual claim"], []),
 (L, "The Arabian plate is sinking beneath the Eurasian plate by a few centimeters per year", ["statistic"], ["tectonics"]),
]
# Recurring phrases, every mention, each with the frame it stands for: what a string-matching recommender is for.
# (article, quote, occurrence in the article counting from 1, tags)
RECURRING = [
 (V, "mud homes", 1, ["capacity and resources"]),
 (E, "mud volcano", 1, ["health and safety"]),
 (L, "mud volcano", 1, ["health and safety"]),
 (L, "mud volcanoes", 1, ["health and safety"]),
 (L, "mud volcanoes", 2, ["health and safety"]),
]
articles = [dict(id=a["id"], outlet=a["outlet"], title=a["title"], url=a["url"], license=a["license"],
                 text="\n".join(a["paragraphs"])) for a in A]
texts = {a["id"]: a["text"] for a in articles}
for art, quote, n, tags in RECURRING:
    assert texts[art].count(quote) >= n, quote
for art, quote, tags, events in N:
    assert quote in texts[art], quote
    for e in events: assert e in EVENTS
out = dict(
  name="balochistan-quake",
  description="Four public-domain reports of the 24 September 2013 Balochistan earthquake by four U.S. Government outlets, annotated with the default codebook's tags and linked to events (see README.md).",
  events=[dict(id=k, title=v) for k, v in EVENTS.items()],
  articles=articles,
  annotations=[dict(articleId=a, quote=q, tags=t, events=e) for a, q, t, e in N]
  + [dict(articleId=a, quote=q, occurrence=n, tags=t, events=[]) for a, q, n, t in RECURRING],
)
json.dump(out, open("balochistan-quake.json", "w"), ensure_ascii=False, indent=2)
print(f"{len(articles)} articles, {len(out['annotations'])} annotations")
