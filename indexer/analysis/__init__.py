"""Analysis: text → the terms each field indexes. Whoosh's own split, one kind per module:

* :mod:`.segmentation`: jieba (initialised once per process with the UN dictionary) and the
  word spans of a text, Han runs by jieba and other runs by a regular expression;
* :mod:`.tokenizers`: word and bigram tokenizers over those spans;
* :mod:`.filters`: what each language does to a word (Snowball stems, accent and Arabic folding);
* :mod:`.analyzers`: tokenizers and filters composed with ``|``, and the table of which analyzer
  each field uses at index and at query time.
"""
