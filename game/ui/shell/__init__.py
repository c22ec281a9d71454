"""The app loop, the scene stack, the screen registry (screens by name), input mapped to
intents once, the UI context and the services a run hands its screens."""
