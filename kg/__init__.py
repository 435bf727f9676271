"""kg: a knowledge-graph builder for reporting on foreign influence operations.

Text in, claims out: who targets whom, how, how surely, and according to whom.
"""

__version__ = "0.1.0"
