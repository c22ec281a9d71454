"""The workshop's phone pages and the small server that serves them (no pygame).

`server.RoomServer` serves one `game.app.room.Room` on the address the facilitator chooses;
`views` turns the room into what one phone may see; `static/` holds the page, its style and
its script, all served from here (nothing is loaded from the internet); `words` puts the page
in the workshop's language (`RoomServer(language=...)`, `RoomServer.set_language`).
"""
