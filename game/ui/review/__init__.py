"""Looking back at a finished session: outcome, replay viewer, branches, rewinding."""
