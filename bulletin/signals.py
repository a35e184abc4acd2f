from django.dispatch import Signal

# Sent after the transaction that changed bulletins has committed, never inside it.
# kwargs: added=[bulletin ids to (re)index], removed=[bulletin ids whose documents must go].
# The search app applies both in one index commit, so a replace never shows both or neither.
bulletins_changed = Signal()
