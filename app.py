"""The Gradio web chat arrives in a later release; for now use the command line:

    qa build && qa ask "经信局2024年因公出国（境）费为什么增加？"
"""

if __name__ == "__main__":
    print(__doc__)
