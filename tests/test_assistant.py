from qa import Assistant


def test_assistant_answers_with_sql_and_citations(seed_index):
    bot = Assistant.open(seed_index)
    answer = bot.ask("武汉市中小企业发展促进中心2024年公务接待费花了多少元？")
    assert answer.answerable and answer.value == 5600 and answer.unit == "元"
    assert answer.route == "sql" and "SELECT" in answer.sql
    assert any("公务接待费" in c.text for c in answer.citations)
    assert answer.latency_ms is not None


def test_conversation_carries_context(seed_index):
    chat = Assistant.open(seed_index).conversation()
    first = chat.ask("中小企业中心2024年住房公积金支出多少？")
    assert first.value == 66.74
    follow = chat.ask("那2026年预算呢？")
    assert follow.value == 73.31 and follow.citations[0].doc == "001_22ce73ebe3650ec1.txt"
    assert len(chat.history) == 4
