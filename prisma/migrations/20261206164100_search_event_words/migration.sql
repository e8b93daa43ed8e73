-- Search reads an event's words (title, place, description; as written and
-- stemmed for English) through GIN indexes on the expressions lib/search.ts
-- matches: a project of a million annotations has some thousands of events,
-- and parsing each of them again took some tens of milliseconds a search.
CREATE INDEX events_search_idx ON events
  USING GIN (search_words(title || ' ' || coalesce(place, '') || ' ' || coalesce(description, '')));
CREATE INDEX events_search_stems_idx ON events
  USING GIN (search_words(title || ' ' || coalesce(place, '') || ' ' || coalesce(description, ''), 'english'));
