"""Matching: the rule language's words and expressions, and where they stand in a sentence.

normal        the normal form every sentence, phrase and label is matched in
variants      word variants: British and American spellings, inflected forms
expressions   the compiled expressions: Phrase, Regex, AnyOf, AllOf, Near
patterns      phrases, raw regexes and form labels compiled to patterns (the phrase language)
linear        patterns in the syntax of RE2, which matches in linear time: their exact forms
safety        raw regexes only Python can run, refused if they could backtrack for exponential time
triggers      the letters a text's words must begin with for a phrase to match
search        where an expression matches a sentence: its hits
requirements  the triggers a sentence must hold for an expression to match, for the index

Each module is imported by its own name: the package holds no code.
"""
