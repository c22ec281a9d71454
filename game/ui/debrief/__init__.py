"""The facilitator's debrief of one log, in the PEARLS phases."""
