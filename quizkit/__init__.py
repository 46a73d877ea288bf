"""Build glue: reads quiz YAML, feeds it to ``scoring`` and puts quizzes and the engine into the site."""
