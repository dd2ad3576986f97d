"""The bottom layer every stage reads: data files, phrase patterns, the number and date grammars
and the one country vocabulary.

Enters: strings of text. Leaves: numbers, dates and country mentions with their spans, and the
pattern builders the stages compile their vocabularies with. Imports nothing else of kortrade.
"""
